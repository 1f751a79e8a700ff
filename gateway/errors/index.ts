export { formatGatewayError, gatewayErrorFormatter, type PreciseRefusal } from './format-gateway-error';
