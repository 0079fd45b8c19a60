"""The optional store connection: a WHMCS-style API client, conversions, a cache. No Qt."""
