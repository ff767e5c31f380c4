/* text_check */
