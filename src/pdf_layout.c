/* pdf_layout */
