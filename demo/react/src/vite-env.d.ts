/// <reference types="vite/client" />
// JSX types for <ess-*>: once per application.
import type {} from '@essaim/elements/react';
