export type { PayloadBase } from '../unit-of-work';
