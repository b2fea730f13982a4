/** Thrown by pickers and confirmations when the user backs out; never shown. */
export class UserCancelled extends Error {
  constructor() {
    super('Cancelled by the user');
    this.name = 'UserCancelled';
  }
}
