from lic_desktop.entry import main

raise SystemExit(main())
