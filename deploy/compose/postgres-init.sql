-- Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d).
-- One database and one owner per service, as on Kubernetes (CloudNativePG); each service's Flyway creates its
-- schema (ingest, catalog, digest) inside its own database. Local development passwords only: docker-compose.yml
-- passes the same ones to the services, and nothing outside the compose network can reach this server.
CREATE ROLE ingest LOGIN PASSWORD 'ingest';
CREATE ROLE catalog LOGIN PASSWORD 'catalog';
CREATE ROLE digest LOGIN PASSWORD 'digest';
CREATE DATABASE ingest OWNER ingest;
CREATE DATABASE catalog OWNER catalog;
CREATE DATABASE digest OWNER digest;
