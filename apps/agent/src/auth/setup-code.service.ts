import { Injectable } from '@nestjs/common';
import { generateSetupCode, setupCodeMatches } from './setup-code';

/** Holds the one-time setup code of this boot, until the admin password is set. */
@Injectable()
export class SetupCodeService {
  private code: string | null = null;

  /** Makes a fresh code (each boot) and returns it, for the log. */
  issue(): string {
    this.code = generateSetupCode();
    return this.code;
  }

  matches(given: string): boolean {
    return this.code !== null && setupCodeMatches(given, this.code);
  }

  /** Single use: once the password is set the code is worthless. */
  consume(): void {
    this.code = null;
  }
}
