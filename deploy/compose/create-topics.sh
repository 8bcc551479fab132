#!/bin/bash
# Creates modelwatch's topics (names, partitions and configs of event-contract's Topics.ALL) once the broker
# answers; run by the kafka-init service of docker-compose.yml. Idempotent (--if-not-exists).
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
topics=/opt/kafka/bin/kafka-topics.sh
until $topics --bootstrap-server "$bootstrap" --list >/dev/null 2>&1; do sleep 1; done
$topics --bootstrap-server "$bootstrap" --create --if-not-exists --topic model-releases --partitions 6 --replication-factor 1
$topics --bootstrap-server "$bootstrap" --create --if-not-exists --topic model-releases.dlq --partitions 1 --replication-factor 1
$topics --bootstrap-server "$bootstrap" --create --if-not-exists --topic catalog.model-changes --partitions 6 --replication-factor 1 \
    --config cleanup.policy=compact
$topics --bootstrap-server "$bootstrap" --create --if-not-exists --topic catalog.model-changes.dlq --partitions 1 --replication-factor 1
$topics --bootstrap-server "$bootstrap" --list
