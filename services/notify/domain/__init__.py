"""Pure decisions of notify: routing, formatting, pacing and batching. No I/O, no clock."""
