import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { DatabaseModule } from '../database/database.module';
import { DoctorModule } from '../doctor/doctor.module';
import { NamesModule } from '../names/names.module';
import { HealthModule } from '../health/health.module';
import { EXECUTOR, executorProvider } from '../exec/executor.provider';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { EventsModule } from '../events/events.module';
import { ConstraintsModule } from '../constraints/constraints.module';
import { FencingModule } from '../fencing/fencing.module';
import { HaModule } from '../ha/ha.module';
import { ConfigTransferModule } from '../backup/config-transfer.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { NotifyModule } from '../notify/notify.module';
import { MeshModule } from '../mesh/mesh.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ResourcesModule } from '../resources/resources.module';
import { StatusModule } from '../status/status.module';
import { WatchdogModule } from '../watchdog/watchdog.module';

/** The boot-time singletons every module may inject. */
@Module({})
class CoreModule {
  static register(config: AgentConfig, logger: JsonLogger, secrets: SecretRegistry): DynamicModule {
    const values = [
      { provide: AGENT_CONFIG, useValue: config },
      { provide: JsonLogger, useValue: logger },
      { provide: SecretRegistry, useValue: secrets },
    ];
    return { module: CoreModule, global: true, providers: [...values, executorProvider], exports: [...values.map((p) => p.provide), EXECUTOR] };
  }
}

@Module({})
export class AppModule {
  static register(config: AgentConfig, logger: JsonLogger, secrets: SecretRegistry): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.register(config, logger, secrets),
        DatabaseModule,
        EventsModule,
        MetricsModule,
        AuthModule,
        HealthModule,
        StatusModule,
        MeshModule,
        HaModule,
        FencingModule,
        ResourcesModule,
        ConstraintsModule,
        DoctorModule,
        ConfigTransferModule,
        NamesModule,
        IncidentsModule,
        WatchdogModule,
        NotifyModule,
      ],
    };
  }
}
