// What the user asked for on the command line, as the services need it.
export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  veleroNamespace?: string;
  app?: string;
  appNamespaces?: string[];
  adminNamespace?: string;
  profileFile?: string;
}
