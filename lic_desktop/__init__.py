"""lic-desktop: what a software license change costs, and the best day to make it."""

__version__ = "0.1.0"
