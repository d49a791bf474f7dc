package io.meshlog.app;

import picocli.CommandLine.Command;

@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete the Istio objects named in YAML files.")
final class DeleteCommand extends ChangeCommand {
  @Override
  String path() {
    return "/v1/delete";
  }

  @Override
  boolean dryRun() {
    return false;
  }
}
