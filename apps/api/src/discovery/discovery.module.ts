import { Global, Module } from '@nestjs/common';
import { ClusterPromptContext } from './cluster-prompt-context';
import { ClusterTargetsGate } from './cluster-targets.gate';
import { DiscoveryService } from './discovery.service';

/** What the service knows about its cluster: read after start-up and every DISCOVERY_TTL. */
@Global()
@Module({
  providers: [DiscoveryService, ClusterPromptContext, ClusterTargetsGate],
  exports: [DiscoveryService, ClusterPromptContext, ClusterTargetsGate],
})
export class DiscoveryModule {}
