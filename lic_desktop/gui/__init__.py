"""PySide6 widgets. Thin: they wire signals to the presenters in lic_desktop.present."""
