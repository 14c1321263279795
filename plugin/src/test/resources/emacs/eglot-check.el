;;; eglot-check.el --- Emacs 28 + eglot as a real client of the hvscope language server -*- lexical-binding: t -*-
;; Env: HVSCOPE_LSP_CMD (server command, tab-separated), HVSCOPE_FILE (VM config to open),
;; HVSCOPE_OUT (JSON written here), HVSCOPE_HOVER ("line,col", 0-based).
(require 'package)
(package-initialize)
(require 'eglot)
(require 'json)
(require 'cl-lib)

(define-derived-mode hvscope-vm-mode prog-mode "hvscope-vm")
(setq eglot-confirm-server-initiated-edits nil)
;; a temp dir is no VC project: make every directory its own project
(setq project-find-functions (list (lambda (dir) (cons 'transient dir))))

(defvar hvscope-diagnostics nil)
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key diagnostics &allow-other-keys)
  (setq hvscope-diagnostics diagnostics))

(let* ((cmd (split-string (getenv "HVSCOPE_LSP_CMD") "\t"))
       (file (getenv "HVSCOPE_FILE"))
       (pos (mapcar #'string-to-number (split-string (getenv "HVSCOPE_HOVER") ",")))
       (result nil))
  (find-file file)
  (hvscope-vm-mode)
  (let* ((server (eglot '(hvscope-vm-mode) (project-current) 'eglot-lsp-server cmd "hvscope-vm"))
         (uri (eglot--path-to-uri file))
         (deadline (+ (float-time) 30)))
    (while (and (null hvscope-diagnostics) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (let ((hover (jsonrpc-request server :textDocument/hover
                                  (list :textDocument (list :uri uri)
                                        :position (list :line (nth 0 pos) :character (nth 1 pos)))))
          (toggled (jsonrpc-request server :workspace/executeCommand
                                    (list :command "hvscope.pflash.toggle" :arguments (vector uri 0)))))
      (setq result (list :diagnostics (or hvscope-diagnostics [])
                         :hover (plist-get (plist-get hover :contents) :value)
                         :toggled toggled
                         :text (with-current-buffer (find-buffer-visiting file)
                                 (buffer-substring-no-properties (point-min) (point-max))))))
    (with-temp-file (getenv "HVSCOPE_OUT")
      (insert (json-encode result)))
    (ignore-errors (eglot-shutdown server))))
(kill-emacs 0)
