import {
  Body,
  Controller,
  createParamDecorator,
  Post,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateRoomDto, type CreatedRoom } from '@podroom/contracts';
import type { Request } from 'express';
import { CurrentInstructor, InstructorGuard } from '../auth/auth.guard.js';
import type { Instructor } from '../auth/instructors.repository.js';
import { RoomsService } from './rooms.service.js';

/** The address the request came to, e.g. `http://localhost:3000` (for join links). */
export const RequestOrigin = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const request = context.switchToHttp().getRequest<Request>();
    return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
  },
);

@ApiTags('rooms')
@ApiBearerAuth()
@UseGuards(InstructorGuard)
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  /** Opens a room from a lesson; answers with its join code, link and QR code. */
  @Post()
  create(
    @CurrentInstructor() instructor: Instructor,
    @Body() dto: CreateRoomDto,
    @RequestOrigin() origin: string,
  ): Promise<CreatedRoom> {
    return this.rooms.create(instructor, dto, origin);
  }
}
