import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { JWT_SIGNING_KEY } from './jwt-signing-key';

export interface AdminPrincipal {
  subject: 'admin';
  expiresAt: string;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(JWT_SIGNING_KEY) signingKey: string) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      secretOrKey: signingKey,
      algorithms: ['HS256'],
      issuer: 'sfha-agent',
    });
  }

  validate(payload: { sub?: unknown; exp?: unknown }): AdminPrincipal | false {
    if (payload.sub !== 'admin' || typeof payload.exp !== 'number') return false;
    return { subject: 'admin', expiresAt: new Date(payload.exp * 1000).toISOString() };
  }
}
