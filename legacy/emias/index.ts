export { createEmiasSimulator } from './simulator';
