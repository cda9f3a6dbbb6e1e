import { Schema, model } from 'mongoose';

export interface IUser {
  email: string;
  teamId: string;
}

export const User = model<IUser>('User', new Schema<IUser>({ email: String, teamId: String }));
