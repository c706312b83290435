/**
 * The secrets this agent holds at run time (JWT signing key, local credential, setup code…).
 * The logger and the exec helper mask every one of them, wherever it shows up.
 */
export class SecretRegistry {
  private readonly secrets = new Set<string>();

  add(secret: string): void {
    this.secrets.add(secret);
  }

  remove(secret: string): void {
    this.secrets.delete(secret);
  }

  values(): Iterable<string> {
    return this.secrets.values();
  }
}
