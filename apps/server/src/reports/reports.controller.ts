import { Controller, Get, Param, ParseUUIDPipe, StreamableFile, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { ClassReport, RoomReport } from '@podroom/contracts';
import { CurrentInstructor, InstructorGuard } from '../auth/auth.guard.js';
import type { Instructor } from '../auth/instructors.repository.js';
import type { CsvFile } from './report-csv.builder.js';
import { ClassReportSchema, RoomReportSchema } from './report.openapi.js';
import { ReportsService } from './reports.service.js';

const Id = () => Param('id', new ParseUUIDPipe());

const csvAttachment = ({ filename, body }: CsvFile): StreamableFile =>
  new StreamableFile(body, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${filename}"`,
    length: body.length,
  });

const CSV_RESPONSE = {
  description: 'UTF-8 with a byte-order mark, one header row (docs/reports.md)',
  schema: { type: 'string' },
} as const;

/** Reports (docs/reports.md): JSON, and the same as a CSV file for spreadsheets. */
@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(InstructorGuard)
@ApiNotFoundResponse({ description: 'No such room or class of yours (NOT_FOUND)' })
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** A session's report: participants ranked, every question, every answer. */
  @Get('rooms/:id/report')
  @ApiOkResponse({ schema: RoomReportSchema })
  sessionReport(
    @CurrentInstructor() instructor: Instructor,
    @Id() id: string,
  ): Promise<RoomReport> {
    return this.reports.sessionReport(instructor, id);
  }

  /** The session report as CSV: one row per participant × question. */
  @Get('rooms/:id/report.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_RESPONSE)
  async sessionReportCsv(
    @CurrentInstructor() instructor: Instructor,
    @Id() id: string,
  ): Promise<StreamableFile> {
    return csvAttachment(await this.reports.sessionReportCsv(instructor, id));
  }

  /** A class across its sessions: students' trends, concepts, wrong options. */
  @Get('classes/:id/report')
  @ApiOkResponse({ schema: ClassReportSchema })
  classReport(@CurrentInstructor() instructor: Instructor, @Id() id: string): Promise<ClassReport> {
    return this.reports.classReport(instructor, id);
  }

  /** The class report's student trend as CSV: one row per roster student × session. */
  @Get('classes/:id/report.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_RESPONSE)
  async classReportCsv(
    @CurrentInstructor() instructor: Instructor,
    @Id() id: string,
  ): Promise<StreamableFile> {
    return csvAttachment(await this.reports.classReportCsv(instructor, id));
  }
}
