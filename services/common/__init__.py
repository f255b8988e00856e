"""What all three services truly share: settings base, Kafka wiring, health, logging, running."""
