package io.meshlog.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Create or update Istio objects from YAML (VirtualService, DestinationRule, ServiceEntry, WorkloadEntry).")
final class ApplyCommand extends ChangeCommand {
  @Option(names = "--dry-run", description = "Validate and show what would change; publish nothing")
  boolean dryRun;

  @Override
  String path() {
    return "/v1/apply";
  }

  @Override
  boolean dryRun() {
    return dryRun;
  }
}
