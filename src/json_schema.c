/* json_schema */
