/* json_load */
