import { runSubgraphMain } from '../kit';
import { createSchoolSubgraph, schoolConfigFromEnv } from './service';

runSubgraphMain('school', schoolConfigFromEnv, createSchoolSubgraph);
