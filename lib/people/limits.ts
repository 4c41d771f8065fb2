/** Password lengths accepted when choosing one (the sign-in form takes as long). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 1024;
