import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { RefreshTokenDto, SignInDto, SignUpDto, type AuthResult } from '@podroom/contracts';
import { documentDtos } from '../lessons/dto-schema.openapi.js';
import { CurrentInstructor, InstructorGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import type { Instructor } from './instructors.repository.js';

documentDtos([SignUpDto, SignInDto, RefreshTokenDto], {
  'RefreshTokenDto.refreshToken': { description: 'The refreshToken of an AuthResult' },
});

const INSTRUCTOR_SCHEMA = {
  type: 'object',
  required: ['id', 'email', 'displayName'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    email: { type: 'string' },
    displayName: { type: 'string' },
  },
};
const AUTH_RESULT = {
  description: 'A signed-in instructor',
  schema: {
    type: 'object',
    required: ['token', 'expiresIn', 'refreshToken', 'instructor'],
    properties: {
      token: { type: 'string', description: 'Access token (Bearer, host:attach), short-lived' },
      expiresIn: { type: 'integer', description: 'Seconds until token expires' },
      refreshToken: { type: 'string', description: 'Single use: POST /auth/refresh' },
      instructor: INSTRUCTOR_SCHEMA,
    },
  },
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('sign-up')
  @ApiOkResponse(AUTH_RESULT)
  signUp(@Body() dto: SignUpDto): Promise<AuthResult> {
    return this.auth.signUp(dto);
  }

  @Post('sign-in')
  @HttpCode(200)
  @ApiOkResponse(AUTH_RESULT)
  @ApiUnauthorizedResponse({ description: 'BAD_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After and retryAfterMs' })
  signIn(@Body() dto: SignInDto, @Ip() ip: string): Promise<AuthResult> {
    return this.auth.signIn(dto, ip);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse(AUTH_RESULT)
  @ApiUnauthorizedResponse({ description: 'INVALID_TOKEN: unknown, expired, revoked or reused' })
  refresh(@Body() dto: RefreshTokenDto): Promise<AuthResult> {
    return this.auth.refresh(dto);
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The sign-in of this refresh token is revoked' })
  signOut(@Body() dto: RefreshTokenDto): Promise<void> {
    return this.auth.signOut(dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOkResponse({ schema: INSTRUCTOR_SCHEMA })
  @UseGuards(InstructorGuard)
  me(@CurrentInstructor() instructor: Instructor): Instructor {
    return instructor;
  }
}
