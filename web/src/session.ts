// Who is logged in, for any view that needs it (the shell provides it).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from './api.ts';

export const UserContext = createContext<User | null>(null);
export const useUser = () => useContext(UserContext);
