from lic_desktop.cli import main

raise SystemExit(main())
