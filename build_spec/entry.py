"""The frozen app's entry point: the same command line as `lic-desktop`."""

from lic_desktop.entry import main

raise SystemExit(main())
