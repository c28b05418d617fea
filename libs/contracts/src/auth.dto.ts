import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

/** `POST /auth/sign-up` — a new instructor account. */
export class SignUpDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @Length(8, 200)
  password!: string;

  @IsString()
  @Length(1, 60)
  displayName!: string;
}

/** `POST /auth/sign-in`. */
export class SignInDto {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @Length(1, 200)
  password!: string;
}

/** `POST /auth/refresh` and `POST /auth/sign-out`: the refresh token from an AuthResult. */
export class RefreshTokenDto {
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}
