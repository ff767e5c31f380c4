/* pdf_paint */
