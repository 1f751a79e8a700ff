/**
 * The merchant's credentials at the gateway. Every REST call carries them in the form, as the
 * real API takes them: `userName` and `password` (the API user the bank issued), or a `token`
 * instead. The simulator has one merchant, the city's treasury *(designed login)*, whose password
 * and token are both the service token.
 */
export const MERCHANT_LOGIN = 'city-treasury-api';
/** The merchant's name in payment-form URLs (`/payment/merchants/<name>/payment_ru.html`) *(designed)*. */
export const MERCHANT_NAME = 'city-treasury';

export class MerchantAuth {
  constructor(private readonly serviceToken: string) {}

  /** Whether the form carries the merchant's credentials (either form of them). */
  accepts(form: URLSearchParams): boolean {
    const token = form.get('token');
    if (token !== null) return token === this.serviceToken;
    return form.get('userName') === MERCHANT_LOGIN && form.get('password') === this.serviceToken;
  }
}
