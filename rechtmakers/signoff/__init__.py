"""Sign-offs in git: records, status, signing, verification, history and vaststellen."""
