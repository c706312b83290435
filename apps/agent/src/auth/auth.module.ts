import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { SettingsRepository } from '../database/settings.repository';
import { HaModule } from '../ha/ha.module';
import { SecretRegistry } from '../logging/secret-registry';
import { MeshModule } from '../mesh/mesh.module';
import { ApiTokenUseRepository } from '../tokens/api-token-use.repository';
import { ApiTokensController } from '../tokens/api-tokens.controller';
import { ApiTokensService } from '../tokens/api-tokens.service';
import { UsersController } from '../users/users.controller';
import { UsersService } from '../users/users.service';
import { AccessGuard } from './access.guard';
import { ActorInterceptor } from './actor.interceptor';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { Authenticator } from './authenticator.service';
import { JWT_SIGNING_KEY, loadJwtSigningKey } from './jwt-signing-key';
import { LocalCredentialService } from './local-credential.service';
import { LoginThrottle } from './login-throttle';
import { SessionKeys } from './session-keys.service';
import { SetupCodeService } from './setup-code.service';
import { TotpController } from './totp/totp.controller';
import { TotpService } from './totp/totp.service';

/** Identity: sessions, users, API tokens, and the global access guard. */
@Module({
  imports: [MeshModule, HaModule],
  controllers: [AuthController, TotpController, UsersController, ApiTokensController],
  providers: [
    { provide: JWT_SIGNING_KEY, inject: [SettingsRepository, SecretRegistry], useFactory: loadJwtSigningKey },
    { provide: JwtService, useFactory: () => new JwtService({ verifyOptions: { algorithms: ['HS256'] } }) },
    SessionKeys,
    Authenticator,
    AuthRepository,
    AuthService,
    UsersService,
    ApiTokenUseRepository,
    ApiTokensService,
    SetupCodeService,
    LocalCredentialService,
    LoginThrottle,
    TotpService,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_INTERCEPTOR, useClass: ActorInterceptor },
  ],
  exports: [AuthService, LocalCredentialService, LoginThrottle, UsersService],
})
export class AuthModule {}
