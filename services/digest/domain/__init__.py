"""Pure decisions of digest: no clock, network, database or logging; time comes in as arguments."""
