import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { startServer, type ServerProc } from "./processes";

export const NGINX = "/usr/sbin/nginx";

export interface ForwardTarget { origin: string; token: string; apiKey: string }

/** nginx `proxy_pass` in the foreground: one process, one worker, upstream keep-alive, no access log. */
export async function startNginx(target: ForwardTarget, port: number): Promise<ServerProc> {
  const dir = mkdtempSync(`${tmpdir()}/bench-nginx-`);
  for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(`${dir}/${temp}`);
  writeFileSync(`${dir}/nginx.conf`, nginxConfig(dir, target, port));
  const proc = await startServer({ command: NGINX, args: ["-p", dir, "-c", `${dir}/nginx.conf`, "-e", `${dir}/error.log`], port });
  return { ...proc, stop: () => proc.stop().then(() => rmSync(dir, { recursive: true, force: true })) };
}

function nginxConfig(dir: string, target: ForwardTarget, port: number): string {
  return `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream kra { server ${new URL(target.origin).host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location = /healthz { return 200 "ok"; }
    location / {
      proxy_pass http://kra;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "Bearer ${target.token}";
      proxy_set_header X-Api-Key "${target.apiKey}";
    }
  }
}
`;
}
