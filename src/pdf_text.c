/* pdf_text */
