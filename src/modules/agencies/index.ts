export * from './agency-tree.ts';
export { createAgenciesRepository, type AgenciesRepository } from './agencies.repository.ts';
export { createAgenciesService, type AgenciesService } from './agencies.service.ts';
export { createUsersRepository, type UsersRepository, type User } from './users.repository.ts';
export { createUsersService, lockout, type UsersService, type UserSummary } from './users.service.ts';
export { agencyInputSchema, userInputSchema, passwordSchema, usernameSchema, roleSchema, type AgencyInput, type UserInput } from './agencies.schemas.ts';
export { generatePassword, hashPassword, verifyPassword } from './password.ts';
export { createApiTokensRepository, createApiTokensService, apiTokenInputSchema, looksLikeApiToken, API_TOKEN_PREFIX, API_TOKEN_MAX_DAYS, API_TOKEN_DEFAULT_DAYS, type ApiTokensService, type ApiTokenSummary } from './api-tokens.ts';
