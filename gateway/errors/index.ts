export { formatGatewayError, gatewayErrorFormatter } from './format-gateway-error';
