"""The performance benchmark (``make bench``): real servers on loopback, a separate load process, a table + JSON."""
