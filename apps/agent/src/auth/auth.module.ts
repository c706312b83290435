import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { SettingsRepository } from '../database/settings.repository';
import { SecretRegistry } from '../logging/secret-registry';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JWT_SIGNING_KEY, loadJwtSigningKey } from './jwt-signing-key';
import { JwtStrategy } from './jwt.strategy';
import { LocalCredentialService } from './local-credential.service';
import { SetupCodeService } from './setup-code.service';

@Module({
  imports: [PassportModule],
  controllers: [AuthController],
  providers: [
    { provide: JWT_SIGNING_KEY, inject: [SettingsRepository, SecretRegistry], useFactory: loadJwtSigningKey },
    { provide: JwtService, inject: [JWT_SIGNING_KEY], useFactory: (key: string) => new JwtService({ secret: key, verifyOptions: { algorithms: ['HS256'] } }) },
    JwtStrategy,
    AuthRepository,
    AuthService,
    SetupCodeService,
    LocalCredentialService,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [AuthService, LocalCredentialService],
})
export class AuthModule {}
