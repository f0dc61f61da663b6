import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { AppConfig, InjectAppConfig } from '@app/config';
import { Context } from '../context/request-context.decorator';
import { RequestContext } from '../context/request-context';
import { Authenticated } from './access.decorators';
import { CallerScope, scopeOfDefaultCaller } from './caller';

export class ImpersonationDto {
  @ApiProperty({ example: 'chatbot@example.com' })
  user: string;

  @ApiProperty({ type: [String], example: ['viewers'] })
  groups: string[];
}

export class WhoAmIDto {
  @ApiProperty({ description: 'The caller id of API_KEYS_FILE, `default` for API_AUTH_KEY, `anonymous` without authentication.', example: 'chatbot' })
  id: string;

  @ApiProperty({ enum: ['read', 'dry-run', 'write'], description: 'The most this caller may do, capped by KUBECTL_ALLOW_WRITES.', example: 'read' })
  tier: string;

  @ApiProperty({ description: 'Whether the caller may run commands, or only generate them.', example: true })
  execute: boolean;

  @ApiProperty({ type: [String], nullable: true, description: 'Namespaces the caller may touch; null: any the service allows.', example: ['team-a'] })
  namespaces: string[] | null;

  @ApiProperty({ example: '30/minute' })
  rate_limit: string;

  @ApiPropertyOptional({ type: ImpersonationDto, nullable: true, description: 'Who kubectl acts as for this caller (--as, --as-group).' })
  impersonate: ImpersonationDto | null;
}

/** Tells a caller what its key allows, so clients can adapt before they are refused. */
@ApiTags('auth')
@Authenticated()
@Controller('whoami')
export class WhoAmIController {
  constructor(@InjectAppConfig() private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'The caller behind the key: tier, execution, namespaces, rate limit and impersonation' })
  @ApiOkResponse({ type: WhoAmIDto })
  whoami(@Context() context: RequestContext): WhoAmIDto {
    return toDto(context.caller?.scope ?? this.anonymous());
  }

  /** Without authentication every request is anonymous, with the service-wide settings. */
  private anonymous(): CallerScope {
    return { ...scopeOfDefaultCaller(this.config), id: 'anonymous', execute: this.config.auth.allowUnauthenticatedExecution };
  }
}

function toDto(scope: CallerScope): WhoAmIDto {
  return {
    id: scope.id,
    tier: scope.tier,
    execute: scope.execute,
    namespaces: scope.namespaces === null ? null : [...scope.namespaces],
    rate_limit: scope.rateLimit.text,
    impersonate: scope.impersonate === null ? null : { user: scope.impersonate.user, groups: [...scope.impersonate.groups] },
  };
}
