/* yaml_load */
