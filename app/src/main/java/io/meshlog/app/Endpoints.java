package io.meshlog.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The addresses a running stack serves on, written under its data dir for the CLI to find. */
record Endpoints(String ingestUrl, String xdsAddress, String bootstrapServers) {
  static final String FILE = "endpoints.properties";
  static final String INGEST_URL = "ingest.url";

  void write(Path dataDir) throws IOException {
    Properties p = new Properties();
    p.setProperty(INGEST_URL, ingestUrl);
    p.setProperty("xds.address", xdsAddress);
    p.setProperty("kafka.bootstrap.servers", bootstrapServers);
    Files.createDirectories(dataDir);
    try (OutputStream out = Files.newOutputStream(dataDir.resolve(FILE))) {
      p.store(out, "written by meshlog up");
    }
  }
}
