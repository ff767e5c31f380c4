/* pdf_writer */
