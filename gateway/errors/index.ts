export { formatGatewayError } from './format-gateway-error';
