import { Module } from '@nestjs/common';
import { KubectlModule } from '../kubectl/kubectl.module';
import { McpController } from './mcp.controller';

/** The MCP endpoint (/mcp); AppModule leaves it out when MCP_ENABLED is false. */
@Module({ imports: [KubectlModule], controllers: [McpController] })
export class McpModule {}
