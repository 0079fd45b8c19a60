"""Data files shipped with lic-desktop: catalogs, scenarios, translations, icons."""
