package io.meshlog.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The YAML a user names with -f: files, directories (their *.yaml and *.yml, sorted) or - for stdin. */
final class YamlFiles {
  private YamlFiles() {}

  record Source(String name, String text) {}

  static List<Source> read(List<String> args) throws IOException {
    List<Source> out = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("-")) {
        out.add(new Source("<stdin>", new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
        continue;
      }
      Path path = Path.of(arg);
      if (Files.isDirectory(path)) {
        try (Stream<Path> files = Files.list(path)) {
          for (Path f : files.filter(YamlFiles::isYaml).sorted().toList()) {
            out.add(new Source(f.toString(), Files.readString(f)));
          }
        }
      } else if (Files.isRegularFile(path)) {
        out.add(new Source(arg, Files.readString(path)));
      } else {
        throw new IOException("no such file or directory: " + arg);
      }
    }
    return out;
  }

  private static boolean isYaml(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }
}
